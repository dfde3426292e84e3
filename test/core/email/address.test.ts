import { domainOf, isValidEmail, parseAddress, parseAddressList } from '../../../src/core/email/address';

describe('parseAddress', () => {
  it.each([
    ['Ana Díaz <Ana@Example.com>', 'Ana Díaz', 'ana@example.com'],
    ['"Díaz, Ana" <ana@example.com>', 'Díaz, Ana', 'ana@example.com'],
    ['<ana@example.com>', '', 'ana@example.com'],
    ['  ANA@example.com ', '', 'ana@example.com'],
    ['Жанар Абенова <zhanar@kz.example>', 'Жанар Абенова', 'zhanar@kz.example'],
  ])('%s', (header, name, email) => {
    expect(parseAddress(header)).toEqual({ name, email });
  });

  it.each(['', 'not an address', 'ana@', '@example.com', 'Ana <ana at example.com>'])(
    'rejects %j',
    (header) => {
      expect(parseAddress(header)).toBeNull();
    },
  );

  it('splits lists on commas outside quotes', () => {
    expect(
      parseAddressList('"Díaz, Ana" <ana@example.com>, bo@example.com, junk').map((a) => a.email),
    ).toEqual(['ana@example.com', 'bo@example.com']);
  });

  it('knows domains and validity', () => {
    expect(domainOf('Bo@Sub.Example.COM')).toBe('sub.example.com');
    expect(isValidEmail('a@b.co')).toBe(true);
    expect(isValidEmail('a@b')).toBe(false);
  });
});
