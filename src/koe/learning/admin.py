from django.contrib import admin

from .models import Certificate, Choice, Course, Enrollment, Module, Question, Quiz, Track

admin.site.register([Track, Course, Module, Quiz, Question, Choice, Enrollment, Certificate])
