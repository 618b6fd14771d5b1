"""Ceilings and P1: each user sends one kind of request back to back (no think time), so
that requests per second is the server's throughput for that page. Learners are signed in
(bench.data.sign_in) and each user keeps one learner for the whole run."""

import itertools
import json
import os
import random
from pathlib import Path

from locust import FastHttpUser, constant, task

DATA = json.loads(Path(os.environ["BENCH_LOCUST_DATA"]).read_text())
_learners = itertools.cycle(DATA.get("learners", [{}]))


class _Learner(FastHttpUser):
    abstract = True
    wait_time = constant(0)

    def on_start(self):
        self.learner = next(_learners)
        # As behind the production TLS proxy; the cookies are Secure, so they are sent here.
        self.headers = {"X-Forwarded-Proto": "https"}
        if "cookie" in self.learner:
            self.headers["Cookie"] = self.learner["cookie"]

    def open(self, path: str, name: str):
        """A page counts only when it is served: a redirect (signed out, not enrolled,
        locked) is a failure, not a fast page."""
        with self.client.get(
            path, name=name, headers=self.headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


class PingUser(_Learner):
    """The ceiling: a bare Django view through the same middleware, no session sent."""

    def on_start(self):
        self.headers = {"X-Forwarded-Proto": "https"}

    @task
    def ping(self):
        self.open("/bench/ping", "bare Django view")


class StaticUser(_Learner):
    """The other ceiling: the site's stylesheet, compressed, through whitenoise."""

    def on_start(self):
        self.headers = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}

    @task
    def stylesheet(self):
        self.open(DATA["stylesheet"], "static file (CSS)")


class CatalogueUser(_Learner):
    @task
    def catalogue(self):
        self.open(self.learner["catalogue"], "catalogue")


class CourseUser(_Learner):
    @task
    def course(self):
        self.open(self.learner["course"], "course page")


class LessonUser(_Learner):
    @task
    def lesson(self):
        self.open(random.choice(self.learner["lessons"]), "lesson page")


class VerifyUser(_Learner):
    """Anyone checking a certificate: no session, a different code each time."""

    def on_start(self):
        self.headers = {"X-Forwarded-Proto": "https"}

    @task
    def verify(self):
        self.open(random.choice(DATA["verify"]), "certificate verification page")
