import { nextTick, ref, type Ref } from 'vue';

/**
 * A list of rows edited in place (the obstacles of a bilan, the checkpoints of
 * a contract): a new row takes the focus on its first field (`firstFieldId`);
 * a removed row gives it back to the add button (bind `addButton` to it).
 */
export function useRowsEditor<Row extends Record<string, unknown>>(
  rows: Ref<Row[]>,
  newRow: () => Row,
  firstFieldId: (index: number) => string,
) {
  const addButton = ref<{ focus(): void } | null>(null);

  async function add(): Promise<void> {
    rows.value = [...rows.value, newRow()];
    await nextTick();
    document.getElementById(firstFieldId(rows.value.length - 1))?.focus();
  }

  function remove(index: number): void {
    rows.value = rows.value.filter((_row, position) => position !== index);
    addButton.value?.focus();
  }

  function update(index: number, field: keyof Row & string, value: string): void {
    rows.value = rows.value.map((row, position) => (position === index ? { ...row, [field]: value } : row));
  }

  return { addButton, add, remove, update };
}
