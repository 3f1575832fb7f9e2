from django.http import HttpResponse

def import_people(request):  # placeholder until the import helper lands its views
    return HttpResponse()

import_template = import_people
