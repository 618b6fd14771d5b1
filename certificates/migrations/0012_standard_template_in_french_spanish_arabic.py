"""The standard certificate in French, Spanish and Arabic, so that a learner gets their
certificate in their language from the start (issue 15): ``certificates.selectors.
template_for`` takes the first template in the learner's language when the course's is in
another. Administrators edit or replace them like any template. Wording follows
docs/glossary.md (completion: achèvement / finalización / الإتمام); the Arabic is written
without a verb that agrees with the holder's gender."""

from django.db import migrations

STANDARD = [
    {
        "name": "Waypoint standard (français)",
        "language": "fr",
        "title": "Certificat d'achèvement",
        "issuer": "Centre de formation Waypoint",
        "body": (
            "Le présent certificat atteste que {holder_name} a achevé avec succès le cours "
            "«\u00a0{course_title}\u00a0», d'une durée de {hours} heures d'étude, le {completion_date}."
        ),
    },
    {
        "name": "Waypoint estándar (español)",
        "language": "es",
        "title": "Certificado de finalización",
        "issuer": "Centro de Formación Waypoint",
        "body": (
            "Por el presente se certifica que {holder_name} ha finalizado satisfactoriamente "
            "el curso «{course_title}», de {hours} horas de estudio, el {completion_date}."
        ),
    },
    {
        "name": "Waypoint القياسية (العربية)",
        "language": "ar",
        "title": "شهادة إتمام",
        "issuer": "مركز Waypoint للتدريب",
        "body": (
            "تشهد هذه الشهادة بإتمام {holder_name} بنجاح الدورة التدريبية «{course_title}» "
            "بتاريخ {completion_date} (عدد ساعات الدراسة: {hours})."
        ),
    },
]


def forwards(apps, schema_editor):
    Template = apps.get_model("certificates", "CertificateTemplate")
    for fields in STANDARD:
        if not Template.objects.filter(language=fields["language"]).exists():
            Template.objects.create(signatories=[], **fields)


def backwards(apps, schema_editor):
    Template = apps.get_model("certificates", "CertificateTemplate")
    Certificate = apps.get_model("certificates", "Certificate")
    names = [fields["name"] for fields in STANDARD]
    # A template a certificate was issued with stays (certificates keep their template).
    used = Certificate.objects.filter(template__isnull=False).values("template_id")
    Template.objects.filter(name__in=names).exclude(pk__in=used).delete()


class Migration(migrations.Migration):
    dependencies = [("certificates", "0011_compliance_indexes")]
    operations = [migrations.RunPython(forwards, backwards)]
