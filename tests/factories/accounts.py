import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import Organisation, User
from accounts.services import organisation_create


class UserFactory(factory.django.DjangoModelFactory):
    """A user whose e-mail address is verified, so they can sign in at once."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))


def make_organisation(name: str, parent: Organisation | None = None, code: str | None = None):
    code = code or name.lower().replace(" ", "-")
    return organisation_create(name=name, code=code, parent=parent)
