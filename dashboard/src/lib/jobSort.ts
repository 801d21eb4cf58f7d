/** A server-side sort of the job list: a column key and a direction. */
export interface Sort {
  key: string;
  order: "asc" | "desc";
}

/** The keys the hub sorts jobs by, and the order each starts in (newest first for ids and times, A to Z for the others). */
export const jobSortKeys: Record<string, "asc" | "desc"> = {
  id: "desc",
  name: "asc",
  user: "asc",
  state: "asc",
  submitted: "desc",
  started: "desc",
  ended: "desc",
};

/** The sort the address asks for (?sort=&order=); an old `id-asc`/`id-desc` link still works, anything unknown is the default. */
export function sortOf(params: URLSearchParams): Sort {
  let key = params.get("sort") ?? "id";
  let order = params.get("order");
  if (key === "id-asc" || key === "id-desc") {
    order ??= key.slice(3);
    key = "id";
  }
  if (!(key in jobSortKeys)) key = "id";
  return { key, order: order === "asc" || order === "desc" ? order : jobSortKeys[key] };
}

/** Pressing a header: the same column turns around, another column starts in its own order. */
export function nextSort(current: Sort, key: string): Sort {
  return current.key === key ? { key, order: current.order === "asc" ? "desc" : "asc" } : { key, order: jobSortKeys[key] ?? "asc" };
}
