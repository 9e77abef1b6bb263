"""Operations that change visits data, one module per part of the work: plans, solving,
publishing, the calendar entries of visits, open classrooms and visits, clearance
declarations, and reflections."""
