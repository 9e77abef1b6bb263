"""Forum pages, in three modules: boards (boards, threads, posts), moderation (reports,
approvals, safeguarding alerts) and pupils (pupil accounts, their sign-in, the school's DSLs)."""
