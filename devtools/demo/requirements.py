"""The demo units require some of the demo courses of their people, so that the compliance
report (Reports → Compliance with required courses) shows each status at once: the demo
learner holds the certificate of the course the Airport Unit requires, is part-way through
the one the Border Police requires, and has not started the one the Ministry requires.

Found by (unit, course) and left alone when there, as everything the demo creates; a unit
or course a person removed since is skipped. Created through ``certificates.services``, so
each requirement is in the audit log like one an administrator adds."""

from django.core.exceptions import ValidationError

from accounts.models import Organisation
from certificates.services.requirements import requirement_add
from courses.models import CourseIndexPage, CoursePage
from devtools.demo import content
from devtools.demo.report import DemoReport


def require_demo_courses(*, report: DemoReport, catalogue: CourseIndexPage) -> None:
    units = Organisation.objects.in_bulk(
        [spec["unit"] for spec in content.REQUIREMENTS], field_name="code"
    )
    courses = {
        course.slug: course
        for course in CoursePage.objects.child_of(catalogue).filter(
            slug__in=[spec["course"] for spec in content.REQUIREMENTS]
        )
    }
    for spec in content.REQUIREMENTS:
        unit, course = units.get(spec["unit"]), courses.get(spec["course"])
        if unit is None or course is None:
            continue
        try:
            requirement_add(unit=unit, course=course)
        except ValidationError:  # already required, here or by a unit above (the service says)
            report.count("required courses", created=False)
        else:
            report.count("required courses", created=True)
