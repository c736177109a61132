#!/usr/bin/env python3
"""Writes the CSV reader's regression corpus (run from this folder; the files are committed).

valid/NAME and valid/NAME.expected.json: odd-but-valid exports and, written by hand here, the names,
units and values they must parse to (a number where the cell is a number, else the cell text).
hostile/NAME and hostile/NAME.expected.json: files that must be refused with a one-line
DataException containing every fragment; "targets" means the refusal comes when the table is
typed and encoded with those targets (Schema.infer + Dataset.of), not when it is read.
"""
import json, struct, zlib, os

def write(folder, name, data, expected):
    with open(os.path.join(folder, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode('utf-8'))
    with open(os.path.join(folder, name + '.expected.json'), 'w', encoding='utf-8') as f:
        json.dump(expected, f, ensure_ascii=False)
        f.write('\n')

def valid(name, data, names, units, values, decimal_comma=False):
    write('valid', name, data, {"names": names, "units": units, "decimalComma": decimal_comma, "values": values})

def hostile(name, data, contains, targets=None):
    e = {"contains": contains}
    if targets:
        e["targets"] = targets
    write('hostile', name, data, e)

def png(width, height):
    def chunk(kind, body):
        return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body) & 0xffffffff)
    raw = b''.join(b'\x00' + bytes(width) for _ in range(height))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 0, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))

valid('bom-utf8.csv', '\ufeffa,b [mm]\n1,2.5\n', ['a', 'b'], ['', 'mm'], [[1, 2.5]])
valid('semicolon-decimal-comma.csv', 'gap [um];density [g/cm3];binder\n200;2,91;PVDF\n250;3,05;CMC\n',
      ['gap', 'density', 'binder'], ['um', 'g/cm3', ''], [[200, 2.91, 'PVDF'], [250, 3.05, 'CMC']], True)
valid('bom-crlf-decimal-comma.csv', '\ufeffa;b\r\n1,5;-2,25e3\r\n', ['a', 'b'], ['', ''], [[1.5, -2250]], True)
valid('units-in-headers.csv', 'solid content [wt%],temperature [\u00b0C],time [ min ],plain\n60.5,25,3,4\n',
      ['solid content', 'temperature', 'time', 'plain'], ['wt%', '\u00b0C', 'min', ''], [[60.5, 25, 3, 4]])
valid('crlf.csv', 'x,y\r\n1,2\r\n3,4\r\n', ['x', 'y'], ['', ''], [[1, 2], [3, 4]])
valid('lone-cr.csv', 'x,y\r1,2\r3,4\r', ['x', 'y'], ['', ''], [[1, 2], [3, 4]])
valid('quoted-commas.csv', 'id,note,y\n1,"a, b",2\n2,"c,d,e",3\n', ['id', 'note', 'y'], ['', '', ''],
      [[1, 'a, b', 2], [2, 'c,d,e', 3]])
valid('quoted-newlines.csv', 'id,note,y\n1,"line one\nline two",2\n2,plain,3\n', ['id', 'note', 'y'], ['', '', ''],
      [[1, 'line one\nline two', 2], [2, 'plain', 3]])
valid('tab-delimited.tsv', 'x\ty\tname\n1\t2\tfoo bar\n', ['x', 'y', 'name'], ['', '', ''], [[1, 2, 'foo bar']])
valid('trailing-blank-lines.csv', 'x,y\n1,2\n3,4\n\n\n   \n', ['x', 'y'], ['', ''], [[1, 2], [3, 4]])
valid('trailing-delimiter-rows.csv', 'x;y\n1;2\n;\n;\n', ['x', 'y'], ['', ''], [[1, 2]])
valid('utf16le-bom-tab.txt', '\ufeffx\ty [\u00b5m]\r\n1\t2\r\n'.encode('utf-16-le'), ['x', 'y'], ['', '\u00b5m'],
      [[1, 2]])
valid('quoted-header.csv', '"gap, nominal [um]",y\n100,1\n', ['gap, nominal', 'y'], ['um', ''], [[100, 1]])
valid('doubled-quotes.csv', 'name,y\n"the ""best"" one",1\n', ['name', 'y'], ['', ''], [['the "best" one', 1]])
valid('exponents-and-signs.csv', 'x,y\n-0,1e-3\n+3,-2.5E+2\n1e-400,4.9e-324\n', ['x', 'y'], ['', ''],
      [[0, 0.001], [3, -250], [0, 4.9e-324]])
valid('whitespace-around-cells.csv', 'x , y\n 1 , 2 \n', ['x', 'y'], ['', ''], [[1, 2]])
valid('non-ascii-names.csv', 'Schichtdicke [\u00b5m],Dichte [g/cm\u00b3]\n12,1.5\n', ['Schichtdicke', 'Dichte'],
      ['\u00b5m', 'g/cm\u00b3'], [[12, 1.5]])
valid('empty-cells.csv', 'x,y,z\n1,,3\n4,5,\n', ['x', 'y', 'z'], ['', '', ''], [[1, '', 3], [4, 5, '']])
valid('no-trailing-newline.csv', 'x,y\n1,2', ['x', 'y'], ['', ''], [[1, 2]])

hostile('png-renamed.csv', png(4, 4), ['not a text table'])
hostile('zip-like.csv', b'PK\x03\x04\x14\x00\x00\x00\x08\x00' + bytes(range(256)) * 4, ['not a text table'])
hostile('control-characters.csv', 'x,y\n' + '\x01\x02\x03\x04\x05\x06,1\n' * 20, ['not a text table'])
hostile('latin1.csv', 'Dichte [g/cm\u00b3],y\n1,2\n'.encode('latin-1'), ['row 1', 'not valid UTF-8'])
# Windows-1252 with an accented character in most cells: text refused by line, not taken for a binary file
hostile('cp1252-dense.csv', 'T [\u00b0C],d [\u00b5m],y\n\u00b020,5\u00b5,1\n'.encode('cp1252'), ['row 1', 'byte 0xB0', 'not valid UTF-8'])
hostile('ragged-row.csv', 'x,y,z\n1,2,3\n4,5\n', ['row 3', '2 cells', '3 columns'])
hostile('huge-header.csv', 'a' * 5000 + ',y\n1,2\n', ["row 1, column '#1'", '5000 characters'])
hostile('overflow-1e309.csv', 'x,y\n1,2\n1e309,3\n4,5\n', ["row 3, column 'x'", "'1e309' is too large"], ['y'])
hostile('overflow-target.csv', 'x,y\n1,2\n2,-1e400\n', ["row 3, column 'y'", 'too large'], ['y'])
hostile('unterminated-quote.csv', 'x,y\n1,"abc\n2,3\n', ['row 2', 'never closed'])
hostile('text-after-quote.csv', 'x,y\n1,"ab"c\n', ['row 2', 'closing quote'])
hostile('empty.csv', '', ['empty'])
hostile('only-blank-lines.csv', '\n\n  \n', ['empty'])
hostile('only-bom.csv', '\ufeff', ['empty'])
hostile('only-header.csv', 'x,y\n', ['no data rows'])
hostile('duplicate-columns.csv', 'x,y,x\n1,2,3\n', ["column 'x'", 'duplicate'])
hostile('empty-header-cell.csv', 'x,,y\n1,2,3\n', ["row 1, column '#2'", 'empty'])
hostile('only-delimiters.csv', ',,\n,,\n', ["row 1, column '#1'", 'empty'])
hostile('non-ascii-digits.csv', 'x,y\n\u0661\u0662,1\n\u0663,2\n', ["row 2, column 'x'", 'non-ASCII digits'], ['y'])
hostile('nan-feature.csv', 'x,y\n1,2\nNaN,3\n4,5\n', ["row 3, column 'x'", "'NaN' is not a finite number"], ['y'])
hostile('newline-in-bad-cell.csv', 'x,y\n1,2\n"bad\nvalue",3\n4,5\n6,7\n',
        ["row 3, column 'x'", "'bad\\nvalue' is not a finite number"], ['y'])
hostile('blank-target.csv', 'x,y\n1,2\n2,\n', ["row 3, column 'y'", 'empty cell'], ['y'])
