import { BasisControl, DateControl, SetControl } from './Controls.tsx';
import { useTranslation } from 'react-i18next';

/** The as-of date, instrument set and counting basis that most status pages share. */
export function StatusControls({
  state,
  set,
}: {
  state: { asOf: string; set: string; basis: string };
  set: (key: 'asOf' | 'set' | 'basis', value: string) => void;
}) {
  const { t } = useTranslation('status');
  return (
    <>
      <DateControl name="asOf" label={t('controls.asOf')} value={state.asOf} onChange={(v) => set('asOf', v)} />
      <SetControl value={state.set} onChange={(v) => set('set', v)} />
      <BasisControl value={state.basis} onChange={(v) => set('basis', v)} />
    </>
  );
}
