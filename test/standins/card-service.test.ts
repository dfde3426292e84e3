import { createCardService, totalCalls, type CallCounter } from '../../src/local/standins/card-service';

const untyped = <T>(v: unknown) => v as T;

function simpleCard(cs = createCardService()) {
  const action = cs
    .newAction()
    .setFunctionName('onCardAction')
    .setParameters({ action: 'openHelp', id: '7' });
  return cs
    .newCardBuilder()
    .setName('home')
    .setHeader(cs.newCardHeader().setTitle('ChurnGuard').setSubtitle('ann@example.com'))
    .addSection(
      cs
        .newCardSection()
        .setHeader('Customer')
        .addWidget(cs.newDecoratedText().setText('Acme').setTopLabel('Name').setIcon(cs.Icon.PERSON))
        .addWidget(cs.newButtonSet().addButton(cs.newTextButton().setText('Help').setOnClickAction(action))),
    )
    .build();
}

describe('CardService stand-in', () => {
  it("builds Google's card JSON, inspectable and printable", () => {
    const card = simpleCard();
    const expected = {
      name: 'home',
      header: { title: 'ChurnGuard', subtitle: 'ann@example.com' },
      sections: [
        {
          header: 'Customer',
          widgets: [
            { decoratedText: { text: 'Acme', topLabel: 'Name', startIcon: { knownIcon: 'PERSON' } } },
            {
              buttonList: {
                buttons: [
                  {
                    text: 'Help',
                    onClick: {
                      action: {
                        function: 'onCardAction',
                        parameters: [
                          { key: 'action', value: 'openHelp' },
                          { key: 'id', value: '7' },
                        ],
                      },
                    },
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    expect(card).toEqual(expected);
    expect(JSON.parse(card.printJson())).toEqual(expected);
    expect(Object.keys(card)).toEqual(['name', 'header', 'sections']);
  });

  it('counts every call as Class.method in the counter passed in', () => {
    const counter: CallCounter = {};
    simpleCard(createCardService(counter));
    expect(counter).toMatchObject({
      'CardService.newCardBuilder': 1,
      'CardService.newTextButton': 1,
      'CardBuilder.addSection': 1,
      'CardSection.addWidget': 2,
      'TextButton.setText': 1,
      'Action.setParameters': 1,
      'CardBuilder.build': 1,
    });
    expect(totalCalls(counter)).toBe(24); // 7 factories + 17 builder calls
    simpleCard(createCardService(counter));
    expect(counter['CardBuilder.build']).toBe(2);
  });

  it('sees setter calls made after a widget was added, as the real builders do', () => {
    const cs = createCardService();
    const p = cs.newTextParagraph().setText('before');
    const card = cs.newCardBuilder().addSection(cs.newCardSection().addWidget(p));
    p.setText('after');
    expect(card.build().sections[0]?.widgets[0]).toEqual({ textParagraph: { text: 'after' } });
  });

  it('rejects a card with no sections', () => {
    const cs = createCardService();
    expect(() => cs.newCardBuilder().setName('empty').build()).toThrow(
      'CardBuilder.build() (card "empty"): a card needs at least one section; call addSection().',
    );
  });

  it('rejects a TextButton without text when the card is built', () => {
    const cs = createCardService();
    const button = cs.newTextButton().setOnClickAction(cs.newAction().setFunctionName('f'));
    const builder = cs
      .newCardBuilder()
      .addSection(cs.newCardSection().addWidget(cs.newButtonSet().addButton(button)));
    expect(() => builder.build()).toThrow(
      'CardBuilder.build(), section 1, widget 1, button 1: a TextButton has no text; call setText().',
    );
  });

  it('rejects an Action without a function name', () => {
    const cs = createCardService();
    const button = cs
      .newTextButton()
      .setText('Go')
      .setOnClickAction(cs.newAction().setParameters({ a: 'b' }));
    const builder = cs
      .newCardBuilder()
      .addSection(cs.newCardSection().addWidget(cs.newButtonSet().addButton(button)));
    expect(() => builder.build()).toThrow('an Action has no function name; call setFunctionName().');
  });

  it('rejects a non-string parameter value where it is set', () => {
    const cs = createCardService();
    expect(() => cs.newAction().setParameters(untyped({ id: 42 }))).toThrow(
      'Invalid argument: parameters. Action.setParameters expects string values; "id" is number.',
    );
    expect(() => cs.newAction().setParameters(untyped(['a']))).toThrow(/Invalid argument: parameters/);
  });

  it('checks argument types and enum values', () => {
    const cs = createCardService();
    expect(() => cs.newTextParagraph().setText(untyped(5))).toThrow(
      'Invalid argument: text. TextParagraph.setText expects a string, got number.',
    );
    expect(() => cs.newTextButton().setTextButtonStyle('PINK')).toThrow(
      /expects one of OUTLINED, TEXT, FILLED/,
    );
    expect(() => cs.newCardSection().addWidget({})).toThrow(/expects a widget built by this CardService/);
    expect(() => cs.newNavigation().pushCard({ printJson: () => '{}' })).toThrow(
      /expects a Card from CardBuilder.build/,
    );
  });

  it('requires field names, unique within a card, and a header title', () => {
    const cs = createCardService();
    const noName = cs
      .newCardBuilder()
      .addSection(cs.newCardSection().addWidget(cs.newTextInput().setTitle('x')));
    expect(() => noName.build()).toThrow('a TextInput has no field name; call setFieldName().');
    const dup = cs
      .newCardBuilder()
      .addSection(
        cs
          .newCardSection()
          .addWidget(cs.newTextInput().setFieldName('email'))
          .addWidget(cs.newDatePicker().setFieldName('email')),
      );
    expect(() => dup.build()).toThrow(
      'field name "email" is used at section 1, widget 1 and section 1, widget 2',
    );
    const header = cs
      .newCardBuilder()
      .setHeader(cs.newCardHeader().setSubtitle('no title'))
      .addSection(cs.newCardSection().addWidget(cs.newDivider()));
    expect(() => header.build()).toThrow('the CardHeader has no title; call setTitle().');
  });

  it('takes at most 100 sections and drops sections past 100 widgets, as Google does', () => {
    const cs = createCardService();
    const b = cs.newCardBuilder();
    for (let i = 0; i < 100; i++) b.addSection(cs.newCardSection().addWidget(cs.newDivider()));
    expect(() => b.addSection(cs.newCardSection())).toThrow(/can't add more than 100 sections/);

    const big = cs.newCardBuilder().setName('big');
    const s1 = cs.newCardSection();
    for (let i = 0; i < 60; i++) s1.addWidget(cs.newDivider());
    const s2 = cs.newCardSection();
    for (let i = 0; i < 41; i++) s2.addWidget(cs.newDivider());
    const built = big.addSection(s1).addSection(s2).build();
    expect(built.sections).toHaveLength(1);
    expect(cs.warnings).toEqual([
      'CardBuilder.build() (card "big"): 1 section(s) from section 2 dropped: the card passes 100 widgets.',
    ]);
  });

  it('needs a primary button in a fixed footer', () => {
    const cs = createCardService();
    const b = cs
      .newCardBuilder()
      .addSection(cs.newCardSection().addWidget(cs.newDivider()))
      .setFixedFooter(cs.newFixedFooter());
    expect(() => b.build()).toThrow('the FixedFooter has no primary button; call setPrimaryButton().');
  });

  it('builds action responses like the add-ons RenderActions JSON', () => {
    const cs = createCardService();
    const card = simpleCard(cs);
    const r = cs
      .newActionResponseBuilder()
      .setNavigation(cs.newNavigation().popCard().pushCard(card).popToNamedCard('home').popToRoot())
      .setNotification(cs.newNotification().setText('Saved'))
      .setStateChanged(true)
      .build();
    expect(r).toEqual({
      action: {
        navigations: [
          { popCard: true },
          { pushCard: JSON.parse(card.printJson()) },
          { popToCard: 'home' },
          { popToRoot: true },
        ],
        notification: { text: 'Saved' },
      },
      stateChanged: true,
    });
    expect(() => cs.newActionResponseBuilder().setNotification(cs.newNotification()).build()).toThrow(
      'the Notification has no text',
    );
  });

  it('builds compose and draft-update responses', () => {
    const cs = createCardService();
    expect(
      cs
        .newComposeActionResponseBuilder()
        .setGmailDraft({ getId: () => 'r-1' })
        .build(),
    ).toEqual({
      hostAppAction: { gmailAction: { openCreatedDraftActionMarkup: { draftId: 'r-1' } } },
    });
    expect(() => cs.newComposeActionResponseBuilder().build()).toThrow(
      'no Gmail draft; call setGmailDraft().',
    );
    const update = cs
      .newUpdateDraftActionResponseBuilder()
      .setUpdateDraftBodyAction(
        cs
          .newUpdateDraftBodyAction()
          .addUpdateContent('<b>Hi</b>', cs.ContentType.MUTABLE_HTML)
          .setUpdateType(cs.UpdateDraftBodyType.IN_PLACE_INSERT),
      )
      .setUpdateDraftSubjectAction(cs.newUpdateDraftSubjectAction().addUpdateSubject('Offer'))
      .setUpdateDraftToRecipientsAction(
        cs.newUpdateDraftToRecipientsAction().addUpdateToRecipients(['a@b.c']),
      )
      .build();
    expect(update).toEqual({
      hostAppAction: {
        gmailAction: {
          updateDraftActionMarkup: {
            updateBody: {
              insertContents: [{ content: '<b>Hi</b>', contentType: 'MUTABLE_HTML' }],
              type: 'IN_PLACE_INSERT',
            },
            updateSubject: { subject: 'Offer' },
            updateToRecipients: { toRecipients: [{ email: 'a@b.c' }] },
          },
        },
      },
    });
  });
});
