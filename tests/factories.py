import factory
from factory.django import DjangoModelFactory

from plein.people.models import Department, Location, Person, PersonRole, Skill

PASSWORD = "Plein-test-wachtwoord-2026"


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Afdeling {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        from plein.people.services.organisation import create_department

        return create_department(name=kwargs["name"], parent=kwargs.get("parent"))


class LocationFactory(DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Vestiging {n}")
    city = "Utrecht"


class SkillFactory(DjangoModelFactory):
    class Meta:
        model = Skill

    name = factory.Sequence(lambda n: f"Vaardigheid {n}")


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    status = Person.Status.ACTIVE
    contract_type = Person.ContractType.PERMANENT
    language = "nl"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        for role in extracted or []:
            PersonRole.objects.create(person=self, role=role)
