"""Quizzes written once as YAML and graded in the browser, in JupyterLab and in the static site."""

from book.quiz.schema import QuizError, check_quiz, load_quiz
from book.quiz.widget import Quiz, show_quiz, static_html

__all__ = ["Quiz", "QuizError", "check_quiz", "load_quiz", "show_quiz", "static_html"]
