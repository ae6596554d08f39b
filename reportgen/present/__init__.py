"""The present stage: Scores + locale -> display-ready contexts (report, handout, terminal
table, batch index). No I/O: every value is translated and formatted here, and the
templates only lay it out."""
