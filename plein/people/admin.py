from django.contrib import admin

from plein.people.models import Department, Invitation, Location, Person, PersonRole, Skill


class PersonRoleInline(admin.TabularInline):
    model = PersonRole
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["email", "first_name", "last_name", "status", "contract_type", "department"]
    list_filter = ["status", "contract_type", "department", "location"]
    search_fields = ["email", "first_name", "last_name", "employee_number"]
    list_select_related = ["department"]
    raw_id_fields = ["manager"]
    autocomplete_fields = ["skills"]
    exclude = ["password", "session_token", "last_login"]
    readonly_fields = ["date_joined", "offboarded_at", "external_id"]
    inlines = [PersonRoleInline]
    show_full_result_count = False


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "code"]
    search_fields = ["name", "code"]
    list_select_related = ["parent"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city"]
    search_fields = ["name", "city"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["person", "created_at", "expires_at", "accepted_at", "email_sent_at"]
    list_select_related = ["person"]
    raw_id_fields = ["person", "invited_by"]
