from .attempts import Attempt, AttemptAnswer
from .quizzes import Quiz

__all__ = ["Attempt", "AttemptAnswer", "Quiz"]
