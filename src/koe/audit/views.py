"""The audit log page and its JSONL export."""

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render

from koe.people.permissions import permission_required

from .selectors import audit_entries, audit_export_lines, audit_verify


@permission_required("audit.view")
def audit_list(request):
    entries = audit_entries(action=request.GET.get("action") or None)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    checked = problems = None
    if request.GET.get("verify"):
        checked, problems = audit_verify()
    return render(request, "audit/list.html",
                  {"page": page, "checked": checked, "problems": problems,
                   "action": request.GET.get("action", "")})


@permission_required("audit.view")
def audit_export(request):
    response = StreamingHttpResponse(audit_export_lines(), content_type="application/x-ndjson")
    response["Content-Disposition"] = 'attachment; filename="koe-audit.jsonl"'
    return response
