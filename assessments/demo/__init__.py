"""The demo quizzes of PRODUCT.md: ``quizzes/`` holds them as GIFT, one file per demo
course, and ``builder`` adds them to the demo courses when ``seed_demo`` runs."""
