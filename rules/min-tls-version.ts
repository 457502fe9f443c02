import { MESSAGES, type MessageIdOf } from '../src/core/messages.js';
import { RULE_POLICIES } from '../src/core/policy.js';
import { createRule } from '../src/plugin/create-rule.js';
import { reportFindings, SUGGESTION_MESSAGE } from '../src/plugin/report-finding.js';

const policy = RULE_POLICIES['min-tls-version'];

type Options = [{ minimum?: 'TLSv1.2' | 'TLSv1.3' }];
type MessageId = MessageIdOf<'min-tls-version'> | keyof typeof SUGGESTION_MESSAGE;

export default createRule<Options, MessageId>({
  name: 'min-tls-version',
  meta: {
    type: 'problem',
    docs: { description: policy.description, recommended: 'recommended' },
    messages: { ...MESSAGES['min-tls-version'], ...SUGGESTION_MESSAGE },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          minimum: {
            type: 'string',
            enum: ['TLSv1.2', 'TLSv1.3'],
            description: 'The lowest TLS protocol version a setting may allow.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ minimum: 'TLSv1.2' }],
  },
  create(context, [options]) {
    const report = (): void => {
      reportFindings(context, 'min-tls-version', {
        minimumTlsVersion: options.minimum ?? 'TLSv1.2',
      });
    };
    // `Program` in JavaScript, `ConfigFile` in the secure-db languages (.env, YAML, …).
    return { 'Program:exit': report, 'ConfigFile:exit': report };
  },
});
