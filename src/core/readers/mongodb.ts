/**
 * MongoDB's connection strings (DRIVERS.md §12): `tls` / `ssl` turn TLS on or off (a
 * `mongodb+srv://` URL has it on by default), and three parameters turn verification off.
 * Its options object is read by readers/node-tls.ts (the driver hands them to Node).
 */
import type { UrlJudgement } from './url-judgement.js';

const NO_INVALID = 'tls=true without tlsAllowInvalid* options';

export function readMongodbUrl(judgement: UrlJudgement): void {
  const { driver, optionMayEnableTls } = judgement.reading;
  const params = judgement.url.params;
  const tls = judgement.param('tls') ?? judgement.param('ssl');
  judgement.result.decidesTls = true;
  if (tls === 'false') {
    const key = params.has('tls') ? 'tls' : 'ssl';
    judgement.observe(
      'tls-off',
      key,
      { id: 'mongodbUrlTlsOff', data: { driver, secure: 'tls=true' } },
      { fixes: judgement.fixParams([[key, 'true']], 'Set tls=true in the connection string') },
    );
  } else if (tls === undefined && judgement.url.scheme === 'mongodb' && !optionMayEnableTls) {
    judgement.observe(
      'tls-off',
      undefined,
      { id: 'mongodbUrlWithoutTls', data: { driver, secure: 'tls=true' } },
      { fixes: judgement.fixParams([['tls', 'true']], 'Add tls=true to the connection string') },
    );
  }
  // Each switch is set back to `false` in place (the URL keeps its spelling of the key).
  const turnOff = (key: string) => {
    const spelled = params.get(key)!.key;
    return judgement.fixParams(
      [[spelled, 'false']],
      `Set ${spelled}=false in the connection string`,
    );
  };
  for (const key of ['tlsallowinvalidcertificates', 'tlsinsecure']) {
    if (judgement.param(key)?.toLowerCase() === 'true')
      judgement.observe(
        'verification-disabled',
        key,
        {
          id: 'settingDisablesVerification',
          data: { driver, setting: `${params.get(key)!.key}=true`, secure: NO_INVALID },
        },
        { fixes: turnOff(key) },
      );
  }
  if (judgement.param('tlsallowinvalidhostnames')?.toLowerCase() === 'true')
    judgement.observe(
      'host-unchecked',
      'tlsallowinvalidhostnames',
      {
        id: 'settingDisablesHostCheck',
        data: { driver, setting: 'tlsAllowInvalidHostnames=true', secure: NO_INVALID },
      },
      { fixes: turnOff('tlsallowinvalidhostnames') },
    );
}
