"""The demo data of docs/targets.md, for ``make run``: ``content`` reads it from the data files
here (``site.json``, ``courses/<slug>/course.json`` and ``quizzes.gift``), ``builder``
creates the topics, organisations, people and courses, ``quizzes`` their quizzes and
``completion`` a finished course, and the ``seed_demo`` management command runs it all."""
