"""Event registration: who may register, the seat allocation, e-mails, calendars and views."""
