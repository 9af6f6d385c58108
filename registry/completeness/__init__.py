"""How complete and how fresh a course's data is: a score with a to-do list, staleness, a digest."""
