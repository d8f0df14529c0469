from django.contrib import admin

from .models import Answer, Document, Question, Tag


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("title", "author", "visibility", "rule_code", "created_at")
    list_filter = ("visibility",)
    search_fields = ("title",)


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ("question", "author", "accepted", "created_at")


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title_en", "title_ja", "kind", "version", "is_current", "created_at")
    list_filter = ("kind", "is_current")


admin.site.register(Tag)
