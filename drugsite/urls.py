from django.contrib import admin
from django.urls import include, path

from accounts.forms import StaffLoginForm
from accounts.views import second_factor_view

from .health import healthz

admin.site.site_header = "Oncology drug information: editorial"
admin.site.site_title = "Editorial admin"
admin.site.index_title = "Write, review and publish"
# Staff sign in with a second factor where they have one (accounts/second_factor.py).
admin.site.login_form = StaffLoginForm
admin.site.login_template = "admin/accounts/login.html"

urlpatterns = [
    path("admin/second-factor/", admin.site.admin_view(second_factor_view), name="second_factor"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("feedback.urls")),
    path("", include("public.urls")),
]

handler400 = "drugsite.errors.bad_request"
handler500 = "drugsite.errors.server_error"
