/**
 * A select of plain values (version dates), or of labelled options, with an optional "all" choice
 * (value ""); keyed by its value so that a navigation resets it.
 */
export function ValueSelect(props: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value: string;
  allLabel?: string;
}) {
  const { name, label, options, value, allLabel } = props;
  return (
    <label>
      {label}
      <select name={name} defaultValue={value} key={`${name}${value}`}>
        {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export const plainOptions = (values: string[]) => values.map((v) => ({ value: v, label: v }));
