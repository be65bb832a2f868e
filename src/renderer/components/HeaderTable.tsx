/** HTTP headers as a two-column table; long values wrap. */
export function HeaderTable({ headers, testId }: { headers: Record<string, string>; testId?: string }) {
  return (
    <table className="headers" data-testid={testId}>
      <tbody>
        {Object.entries(headers).map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td className="mono">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
