"""Minutes of a meeting (procès-verbal) as a PDF: body, date, attendance college by college,
proxies, the quorum computed, the agenda, each decision with its votes and outcome, and the
audit chain's checkpoint in the footer."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from sas_roster.domain.registry import MinutesData
from sas_roster.domain.audit import checkpoint_label
from sas_roster.domain.french import date_fr


def _p(text: str, style) -> Paragraph:  # type: ignore[no-untyped-def]
    return Paragraph(escape(text), style)


def write_minutes(data: MinutesData, path: str | Path) -> Path:
    target = Path(path)
    styles = getSampleStyleSheet()
    body, meeting, names, quorum = data.body, data.meeting, data.names, data.quorum

    def name(member_id: int | None) -> str:
        return names.get(member_id or 0, f"membre n° {member_id}")

    story = [
        _p(data.association or "Association", styles["Normal"]),
        _p(f"Procès-verbal — {body.name} ({body.kind.label_fr})", styles["Title"]),
        _p(f"Réunion du {date_fr(meeting.held_on)}" + (f", {meeting.place}" if meeting.place else ""),
           styles["Heading3"]),
        _p("Présents et représentés", styles["Heading2"]),
    ]
    present = {a.member_id for a in meeting.attendance if a.present}
    proxies = {a.member_id: a.proxy_holder_id for a in meeting.attendance if not a.present and a.proxy_holder_id}
    refused = dict(quorum.refused_proxies)
    rows = [["Collège", "Membre", "Présence"]]
    for college in body.colleges:
        for member_id in college.members:
            if member_id in present:
                state = "présent"
            elif member_id in proxies and member_id not in refused:
                state = f"représenté par {name(proxies[member_id])}"
            elif member_id in refused:
                state = f"absent (pouvoir non retenu : {refused[member_id]})"
            else:
                state = "absent"
            rows.append([college.name, name(member_id), state])
        if college.vacancies:
            rows.append([college.name, f"{college.vacancies} siège(s) vacant(s)", ""])
    table = Table(rows, colWidths=[35 * mm, 55 * mm, 80 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
    ]))
    story += [table, Spacer(1, 4 * mm), _p(quorum.summary(), styles["Normal"])]
    if meeting.agenda:
        story.append(_p("Ordre du jour", styles["Heading2"]))
        story += [_p(f"{i}. {item}", styles["Normal"]) for i, item in enumerate(meeting.agenda, start=1)]
    story.append(_p("Décisions", styles["Heading2"]))
    if not meeting.decisions:
        story.append(_p("Aucune décision.", styles["Normal"]))
    for i, d in enumerate(meeting.decisions, start=1):
        outcome = "adoptée" if d.adopted else "rejetée"
        story.append(_p(f"{i}. {d.text} — pour {d.votes_for}, contre {d.votes_against}, abstentions "
                        f"{d.abstentions} : {outcome} ({body.majority.label_fr})", styles["Normal"]))
    if meeting.notes:
        story += [_p("Observations", styles["Heading2"]), _p(meeting.notes, styles["Normal"])]
    story += [Spacer(1, 12 * mm), _p("Le président                                        Le secrétaire",
                                     styles["Normal"])]

    footer = checkpoint_label(data.audit_checkpoint)

    def on_page(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont("Helvetica", 7)
        canvas.drawString(15 * mm, 10 * mm, footer)
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, f"page {doc.page}")

    doc = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            title=f"Procès-verbal {body.name} {meeting.held_on.isoformat()}")
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return target
