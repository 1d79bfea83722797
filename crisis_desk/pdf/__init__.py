"""PDF output with ReportLab: fonts, pictograms, status shapes, QR codes, page marks, layouts.

Nothing here decides wording: texts come from templates and the view model
(``crisis_desk.rendering``); these modules only draw them. ReportLab is imported
by these modules only, so commands that make no PDF never load it.
"""
