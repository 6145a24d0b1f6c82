import { Select, type SelectProps, Spin } from 'antd';
import type { useCustomerChoice } from './customer-choice';

/**
 * The select of a form's customer, searching as the user types (useCustomerChoice): a spinner while
 * it searches, then "none found" or "type to search". Form.Item's value, id and change handler pass
 * through; the choice remembers the customer picked.
 */
export function CustomerChoiceSelect({
  choice,
  noneFound,
  typeToSearch,
  onChange,
  ...rest
}: Omit<SelectProps<number>, 'options' | 'showSearch' | 'notFoundContent'> & {
  choice: ReturnType<typeof useCustomerChoice>;
  noneFound: string;
  typeToSearch: string;
}) {
  return (
    <Select<number>
      {...rest}
      showSearch={{ filterOption: false, onSearch: (value) => choice.setSearch(value) }}
      options={choice.options}
      onChange={(id, option) => {
        choice.pick(id);
        onChange?.(id, option);
      }}
      notFoundContent={
        choice.found.isFetching ? <Spin size="small" /> : choice.query.trim() ? noneFound : typeToSearch
      }
    />
  );
}
