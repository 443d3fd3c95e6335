/** A lecture with one error: slide kind `bulets` on line 9 (the kind's line, as the API reports it). */
export const BROKEN_LINE = 9;

export function lectureWithError(id: string): string {
  return lectureText(id, 'bulets');
}

export function lectureFixed(id: string): string {
  return lectureText(id, 'bullets');
}

function lectureText(id: string, kind: string): string {
  return `id: ${id}
title: "Browser lecture ${id}"
duration: 2
sections:
  - title: "Opening"
    slides:
      - title: "First slide"
        points: ["One", "Two"]
        kind: ${kind}
        notes: |
          Speak about the first slide for a minute or two, slowly and with examples.
`;
}
