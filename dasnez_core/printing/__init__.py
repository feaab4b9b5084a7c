"""Printed pages (fpdf2, QR codes by segno): the shared A4 page with the Kommune's logo and
name, German text in an embedded Unicode font, QR codes and the footer; and the builders of
the Aushang and the weekly sheet.

Builders take plain values and the addresses to print: URLs belong to each app's
`routes.py`, never to this package.
"""
