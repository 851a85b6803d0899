"""The app's look: calm, readable on a laptop in a bright room."""

STYLE = """
QWidget { font-size: 10.5pt; }
#runnerTitle { font-size: 15pt; font-weight: 600; }
#pageTitle { font-size: 15pt; font-weight: 600; }
#muted, #basis { color: #666666; }
#basis { font-size: 9.5pt; }
#itemText { font-size: 16pt; line-height: 140%; padding: 4px 0; }
#itemPage { background: #ffffff; border: 1px solid #dddddd; border-radius: 6px; }
#guidance { background: #f5f7fa; border-left: 3px solid #90a4ae; padding: 8px;
            color: #37474f; }
#guidanceToggle { border: none; color: #1565c0; }
#requirement { color: #8d4004; background: #fff4e5; padding: 6px; border-radius: 4px; }
#error { color: #c62828; }
#requiredTag { color: #ef6c00; border: 1px solid #ef6c00; border-radius: 3px;
               padding: 1px 6px; }
#severity_critical { color: white; background: #b71c1c; border-radius: 3px; padding: 1px 6px; }
#severity_major { color: white; background: #e65100; border-radius: 3px; padding: 1px 6px; }
#severity_minor { color: #5d4037; background: #ffe0b2; border-radius: 3px; padding: 1px 6px; }
#severity_info { color: #455a64; background: #eceff1; border-radius: 3px; padding: 1px 6px; }
QPushButton { padding: 6px 14px; }
#itemPage QPushButton { font-size: 12pt; padding: 10px 18px; }
#answer_yes:checked { background: #2e7d32; color: white; border: 1px solid #1b5e20; }
#answer_no:checked { background: #c62828; color: white; border: 1px solid #8e0000; }
#answer_na:checked { background: #607d8b; color: white; border: 1px solid #37474f; }
#itemPage QRadioButton, #itemPage QCheckBox { font-size: 12pt; padding: 4px 0; }
#itemPage QLineEdit, #itemPage QDateEdit { font-size: 12pt; padding: 6px; }
#primary { background: #1565c0; color: white; border: 1px solid #0d47a1; border-radius: 4px; }
#primary:disabled { background: #b0bec5; border-color: #b0bec5; }
#thumb { border: 1px solid #cccccc; background: #fafafa; }
#photoRemove { font-size: 9.5pt; padding: 1px 6px; }
#summaryBox { background: #ffffff; border: 1px solid #dddddd; border-radius: 6px; }
#bigNumber { font-size: 20pt; font-weight: 600; }
#fingerprint { font-family: "DejaVu Sans Mono", "Consolas", "Menlo", monospace;
               font-size: 13pt; line-height: 150%; }
"""
