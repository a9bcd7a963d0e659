"""The working-day calendar: holidays and make-up working days (调休) as data, pure arithmetic."""
