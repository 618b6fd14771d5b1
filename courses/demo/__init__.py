"""The demo data of PRODUCT.md: ``content`` says what it is, ``builder`` creates it, and the
``seed_demo`` management command runs the builder."""
