#!/usr/bin/env python3
# Writes pythontext_cases.tsv: what CPython prints for each case PythonText must match. CPython is the oracle;
# run this with python3 (3.11) to regenerate after adding a case. Fields are tab-separated, strings JSON-encoded.
import json, pathlib

FLOATS = [0.1 + 0.2, 1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5, 0.0001234, -0.0, 0.0, 2.5, 1 / 3, 1e22,
          5e-324, 1.7976931348623157e308, 100.0, -1.5e-7, 2.0 ** 53, 0.5, 1e100, 123.456]
FLOAT_SPECS = [('.1f', 3.14159), ('.2f', 2.675), ('e', 2.5), ('g', 1234.5), ('%', 0.5), ('.1%', 0.1234),
               ('f', 1e20), ('', 3.0), ('.2', 3.0), ('.3', 1e16), ('08.2f', 3.5), ('g', 0.00001),
               ('g', 123456789.0), ('+.3e', -0.000123), (',.2f', 1234567.891), ('>10.3f', 3.14159),
               ('<8.1f', 2.25), ('^9.2f', -1.5), ('.0f', 2.5), ('.0f', 3.5), ('.3g', 0.0001234), ('G', 1e-10),
               ('10', 1.5), ('.5g', 100.0), ('e', 0.0), ('_.1f', 12345.67), (' .2f', 1.0), ('.1f', -0.04),
               ('.3', 100.0), ('08.3', 123.456), ('.2', 0.0001234), ('.10', 1234.5), ('.1', 12.0), ('.3', 1e-5),
               ('.3', 0.0), ('08', 2.5), ('<08.2f', 3.14), ('^010.1f', -2.5), ('*<08.1f', 1.5),
               ('%', float('inf')), ('.1%', float('-inf')), ('%', float('nan')), ('>08', -7.0),
               ('#.0f', 1234.5), ('#.0%', 2.0), ('#.0e', 3.0), ('012,.1f', 1234.5), ('08,', float('inf')),
               ('+011_.2f', -1234.5), ('n', 1234.5678), ('z.1f', -0.04), ('z', -0.0), ('z.0e', -0.4),
               ('z.1%', -0.0001), ('z', float('-inf')), ('#', 1e-05), ('#', 1e16), ('#.0', 0.0),
               ('#.6', 2.5), ('#.1', 1234.5678), ('2_.0%', -1e20), ('=08,', 2555.5), ('0=10,.1f', 255.0),
               ('x<05', 1.5), ('.', 1.5), ('q', 1.5), ('.2x', 1.5), (',_', 1.5), ('_,', 1.5), ('.1ff', 1.5),
               ('.2\u00e9', 1.5)]
INT_SPECS = [('>3', 5), ('03d', 7), ('05d', -5), ('+d', 42), ('x', 255), ('#x', 255), ('X', 255), ('b', 5),
             ('#o', 8), (',', 1234567), ('_d', -1234567), ('^7', 42), ('<5', 3), ('=+8', 42), ('.2f', 3),
             ('e', 12345), ('%', 1), ('', -9223372036854775808), (' d', 7), ('*>6', 12), ('08', 5),
             ('^05d', 7), ('>05', -7), ('<05', 3), ('x<05', 3), ('08,', 255), ('09_', -255), ('c', 65),
             ('>3c', 9731), ('c', 128512), ('n', 1234567), ('_x', 1234567), ('#010_b', 255), ('=08,', 255),
             ('0=8,', 255), ('0>8,', 255), ('_X', 48879), ('#X', 255), ('.2s', 1), ('.', 1), ('z', -1),
             ('+c', 65), ('#c', 65), (',c', 65), (',n', 1), ('_o', 8), (',x', 255), ('.2', 5), ('c', -1)]
STRING_SPECS = [('^6', 'ab'), ('>5', 'x'), ('<4', 'yz'), ('.2', 'hello'), ('*^9', 'mid'), ('s', 'plain'),
                ('10.3', 'abcdef'), ('', '°F'), ('08', 'ab'), ('<05', 'ab'), ('>05', 'ab'), ('^06', 'ab'),
                ('\U0001F600^5', 'ab'), (' ', 'ab'), ('+', 'ab'), ('z', 'ab'), ('#', 'ab'), ('=5', 'ab'),
                (',', 'ab'), ('d', 'ab'), ('.', 'ab')]
REPRS = ["it's", 'say "hi"', 'both \' and "', 'tab\there', 'new\nline', 'back\\slash', '°C', '\x01\x7f', '',
         'carriage\rreturn', '\x85', 'a\u200bb\xa0c\u2028d', '\U0001F600 cake', 'caf\xe9']
ROUND_FLOATS = [(2.675, 2), (1.25, 1), (0.125, 2), (2.5, 0), (-0.5, 0), (1234.5678, -2), (0.1, 20), (-2.675, 2),
                # to tens and beyond: the exact value's digits decide, what lies below the point breaks a tie
                (9223372036854775795 ** 1.5, -1), (25.0, -1), (15.0, -1), (25.0000001, -1), (-25.0, -1),
                (-4.35, -1), (4.35, -3), (950.0, -2), (999.9, -3), (1e22, -22), (5e22, -23), (123456789.123, -3),
                (2.5e15 + 0.5, -1), (1.5e300, -300), (-0.0, -2), (5e-324, -1), (1.2345, -308), (7.0, -309),
                (-7.0, -400), (1.7976931348623157e308, -300)]
ROUND_TO_INT = [2.5, 3.5, -0.5, -1.5, 0.4999999999999999, 1e15 + 0.5, 7.0]
ROUND_INTS = [(15, -1), (25, -1), (-15, -1), (1234, -2), (1250, -2), (1350, -2), (7, 2), (-25, -1)]
# str.lower's final sigma (Unicode's Final_Sigma): the cased and case-ignorable characters on either side, a
# mark that is both (U+0345), characters outside the BMP, and a mapping that grows (İ).
LOWERS = ['ΣΑΣ', 'ΟΔΟΣ ΣΟΦΙΑΣ', 'Σ', 'ΑΣ.', "ΑΣ'Α", "Α'Σ", 'ⅠΣ', 'ªΣ', '1Σ', 'ΑΣ1', 'Α\u0345Σ', '\u0345Σ',
          'ΑΣ\u0345', 'ΑΣ\u0345Β', '\U0001F170Σ', 'ΑΣΣ', 'İΣ', 'ΑΣ\u00ad', 'ΑΣ-Β', 'ᾼΣ', 'cakeΣ', 'Σ\U0001F600',
          'ΑΣ\U0001D400', 'MIXED Case', '']



def formatted(value, spec):
    """format(value, spec), or the message of the error it raises."""
    try:
        return format(value, spec)
    except (ValueError, OverflowError) as error:
        return str(error)


rows = []
rows += [['float_repr', x.hex(), repr(x)] for x in FLOATS]
rows += [['format_float', x.hex(), json.dumps(s), json.dumps(formatted(x, s))] for s, x in FLOAT_SPECS]
rows += [['format_int', str(n), json.dumps(s), json.dumps(formatted(n, s))] for s, n in INT_SPECS]
rows += [['format_str', json.dumps(t), json.dumps(s), json.dumps(formatted(t, s))] for s, t in STRING_SPECS]
rows += [['string_repr', json.dumps(t), json.dumps(repr(t))] for t in REPRS]
rows += [['round_float', x.hex(), str(n), repr(round(x, n))] for x, n in ROUND_FLOATS]
rows += [['round_to_int', x.hex(), str(round(x))] for x in ROUND_TO_INT]
rows += [['str_lower', json.dumps(t), json.dumps(t.lower())] for t in LOWERS]
rows += [['round_int', str(n), str(d), str(round(n, d))] for n, d in ROUND_INTS]
out = pathlib.Path(__file__).with_name('pythontext_cases.tsv')
out.write_text(''.join('\t'.join(row) + '\n' for row in rows), encoding='utf-8')
