from django.urls import path

app_name = "monographs"
urlpatterns = []
