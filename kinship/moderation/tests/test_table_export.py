"""The command-line tables escape formulas, as every CSV export does."""

from kinship.moderation.tables import write_table


def test_moderation_tables_escape_formulas(tmp_path):
    out = tmp_path / "out.csv"
    write_table(str(out), ["script", "theta"], [['=HYPERLINK("x")', -0.5]])
    assert out.read_text() == 'script,theta\n"\'=HYPERLINK(""x"")",-0.5\n'
