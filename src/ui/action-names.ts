/**
 * Names of the actions cards can call. Cards refer to actions by these names; the single dispatcher
 * (src/app/dispatcher.ts) maps each to its handler and validates its parameters.
 */
export const ACTION = {
  openSettings: 'openSettings',
  saveSettings: 'saveSettings',
  openHelp: 'openHelp',
  refreshHome: 'refreshHome',
  explainRisk: 'explainRisk',
  rescoreAll: 'rescoreAll',
  learnFromHistory: 'learnFromHistory',
  homePage: 'homePage',
  showCustomer: 'showCustomer',
  openNote: 'openNote',
  saveNote: 'saveNote',
  openTags: 'openTags',
  saveTags: 'saveTags',
  markStatus: 'markStatus',
  addCustomer: 'addCustomer',
  openColumns: 'openColumns',
  saveColumns: 'saveColumns',
  openScoring: 'openScoring',
  saveScoring: 'saveScoring',
  draftReply: 'draftReply',
  goBack: 'goBack',
  openSegments: 'openSegments',
  openSegment: 'openSegment',
  previewBulkTag: 'previewBulkTag',
  applyBulkTag: 'applyBulkTag',
  undoBulkChange: 'undoBulkChange',
  newCampaign: 'newCampaign',
  previewCampaign: 'previewCampaign',
  sendTestEmail: 'sendTestEmail',
  startCampaign: 'startCampaign',
  openCampaigns: 'openCampaigns',
  openCampaign: 'openCampaign',
  continueCampaign: 'continueCampaign',
  campaignControl: 'campaignControl',
  settleReview: 'settleReview',
  alertStatus: 'alertStatus',
} as const;

export type ActionName = (typeof ACTION)[keyof typeof ACTION];
