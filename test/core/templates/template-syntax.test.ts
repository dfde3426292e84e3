/** A template with bad syntax is reported by name, field and character, not as "no template named". */
import { findTemplate, readTemplates } from '../../../src/core/templates';

const tab = [
  ['Name', 'Subject', 'Body'],
  ['Hello', 'Hi {{First name}}', 'Dear {{First name,\nthanks.'],
  ['Bye', '  Bye }} now', 'ok'],
  ['Fine', 'Hi', 'Body'],
];

describe('template syntax errors', () => {
  const read = readTemplates(tab);

  it('names the template, the field and the character of an unclosed "{{" in the body', () => {
    expect(findTemplate(read, 'hello')).toEqual({
      ok: false,
      reason:
        'Template "Hello" (row 2): syntax error in the body at character 6: "{{" is not closed with "}}"',
    });
  });

  it('counts characters in the cell as typed, leading spaces included, for the subject', () => {
    expect(read.broken).toContainEqual({
      name: 'Bye',
      row: 3,
      field: 'subject',
      position: 7,
      problem: '"}}" without "{{"',
    });
  });

  it('still finds good templates, and says plainly when a name is not there at all', () => {
    expect(findTemplate(read, ' Fine ')).toMatchObject({ ok: true, template: { name: 'Fine' } });
    expect(findTemplate(read, 'Nope')).toEqual({
      ok: false,
      reason: 'The Templates tab has no template named "Nope".',
    });
  });
});
