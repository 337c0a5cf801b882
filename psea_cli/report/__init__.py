"""The progress report (``psea report``): dataset → context → Jinja templates → Markdown or HTML.

    inputs  = ReportInputs(period, today, revision, changes)     # context.py
    context = build_context(dataset, problems, plan, inputs)     # plain, protected values
    text    = render_template(root, "report.html.j2", context)   # environment.py
    write_atomically(path, text)                                  # safe_output.py

``context.py`` assembles the sections (``plan_section``, ``cases_section``,
``directory_section``); templates never see a case record, only counts that went through
disclosure control. ``charts.py`` draws the inline SVG of the HTML report.
"""
