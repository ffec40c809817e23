from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("report/<str:kind>/<slug:slug>/", views.report_problem, name="report"),
    path("report/<str:kind>/<slug:slug>/thanks/", views.thanks, name="thanks"),
]
