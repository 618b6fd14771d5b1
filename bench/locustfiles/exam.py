"""P2, the exam burst: every learner starts the same timed quiz at once, then answers each
question after reading it for a while, each answer saved as the page's JavaScript saves it
(a POST with ``X-Requested-With: fetch``), then submits the form and opens the result.

The learner picks the first choice listed with probability RIGHT, another one otherwise:
the learner's page carries no answer key, and the bench quiz lists the right choice first
(no shuffling), so about RIGHT of the answers are right and most learners pass. Each user
takes the exam once; when the last one has finished, locust stops."""

import itertools
import json
import os
import random
import re
from pathlib import Path

import gevent
from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

DATA = json.loads(Path(os.environ["BENCH_LOCUST_DATA"]).read_text())
THINK = DATA["think_seconds"]  # [shortest, longest] reading time per question
RIGHT = DATA["right"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHOICE = re.compile(r'type="radio" id="[^"]*" name="q([^"]+)" value="([^"]+)"')
_learners = iter(DATA["learners"])
_finished = itertools.count(1)
# Every request as it happened: (name, started at, milliseconds, failed), for bench.exam to
# split the answer saves made while learners were still opening the exam from the rest.
_timings: list[tuple[str, float, float, bool]] = []


@events.request.add_listener
def _record(request_type, name, response_time, exception, start_time=None, **kwargs):
    _timings.append((name, start_time or 0.0, response_time, exception is not None))


@events.quitting.add_listener
def _write(environment, **kwargs):
    Path(os.environ["BENCH_LOCUST_TIMINGS"]).write_text(json.dumps(_timings))


class ExamLearner(FastHttpUser):
    wait_time = constant(0)
    network_timeout = connection_timeout = 120.0

    def on_start(self):
        learner = next(_learners, None)
        if learner is None:
            raise StopUser()
        self.get_headers = {"Cookie": learner["cookie"], "X-Forwarded-Proto": "https"}
        origin = self.host.replace("http://", "https://")
        self.post_headers = {**self.get_headers, "Origin": origin, "Referer": origin + "/"}

    def _get(self, path: str, name: str) -> str:
        with self.client.get(
            path, name=name, headers=self.get_headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                raise StopUser()
            return response.text

    def _post(self, path: str, name: str, data: dict, expect: int, headers=None) -> str:
        with self.client.post(
            path,
            name=name,
            data=data,
            headers={**self.post_headers, **(headers or {})},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != expect:
                response.failure(f"status {response.status_code}")
                raise StopUser()
            if expect == 200 and not response.json().get("saved"):
                response.failure(f"not saved: {response.text[:200]}")
            return response.headers.get("Location", "")

    @task
    def take_exam(self):
        try:
            self._take_exam()
        except StopUser:  # a request failed: it is in the statistics already
            pass
        except Exception as error:  # a page the learner could not use: count it, never retry
            self.environment.events.request.fire(
                request_type="EXAM",
                name="exam abandoned",
                response_time=0,
                response_length=0,
                exception=error,
                context={},
            )
        finally:
            if next(_finished) == len(DATA["learners"]):
                gevent.spawn_later(1, self.environment.runner.quit)
        raise StopUser()

    def _take_exam(self):
        quiz = DATA["quiz"]
        token = TOKEN.search(self._get(quiz, "quiz overview")).group(1)
        attempt = self._post(f"{quiz}start/", "start attempt", {"csrfmiddlewaretoken": token}, 302)
        page = self._get(attempt, "attempt page")
        token = TOKEN.search(page).group(1)
        choices: dict[str, list[str]] = {}
        for question, choice in CHOICE.findall(page):
            choices.setdefault(question, []).append(choice)
        answers = {}
        for question, options in choices.items():
            gevent.sleep(random.uniform(*THINK))
            right = random.random() < RIGHT or len(options) == 1
            field = f"q{question}"
            answers[field] = options[0] if right else random.choice(options[1:])
            self._post(
                f"{attempt}answer/",
                "answer save (fetch)",
                {"csrfmiddlewaretoken": token, "question": question, field: answers[field]},
                200,
                headers={"X-Requested-With": "fetch"},
            )
        result = self._post(
            f"{attempt}submit/",
            "submit",
            # "Submit all and finish" on the summary: a submit without it shows the summary.
            {"csrfmiddlewaretoken": token, "finish": "confirmed", **answers},
            302,
        )
        self._get(result, "result page")
