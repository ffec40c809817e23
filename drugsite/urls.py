from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Oncology drug information: editorial"
admin.site.site_title = "Editorial admin"
admin.site.index_title = "Write, review and publish"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("public.urls")),
]
