"""The web page's logic, kept apart from its Gradio layout in app.py so it is testable alone."""
