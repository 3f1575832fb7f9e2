from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "An export from the HR system: UTF-8 or Excel CSV, separated by ';' or ','."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        limit = settings.PLEIN_IMPORT_MAX_BYTES
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(max)d MB.") % {"max": limit // (1024 * 1024)}
            )
        return upload


class ImportConfirmForm(forms.Form):
    """Applies the file stored at the upload step; the token says which upload was reviewed."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
