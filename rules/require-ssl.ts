import { MESSAGES, type MessageIdOf } from '../src/core/messages.js';
import { RULE_POLICIES } from '../src/core/policy.js';
import { createRule } from '../src/plugin/create-rule.js';
import { reportFindings, SUGGESTION_MESSAGE } from '../src/plugin/report-finding.js';

const policy = RULE_POLICIES['require-ssl'];

type Options = [];
type MessageId = MessageIdOf<'require-ssl'> | keyof typeof SUGGESTION_MESSAGE;

export default createRule<Options, MessageId>({
  name: 'require-ssl',
  meta: {
    type: 'problem',
    docs: { description: policy.description, recommended: 'recommended' },
    messages: { ...MESSAGES['require-ssl'], ...SUGGESTION_MESSAGE },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const report = (): void => {
      reportFindings(context, 'require-ssl');
    };
    // `Program` in JavaScript, `ConfigFile` in the secure-db languages (.env, YAML, …).
    return { 'Program:exit': report, 'ConfigFile:exit': report };
  },
});
