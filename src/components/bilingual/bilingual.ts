/**
 * <ka-bilingual>: shows the page and its twin in the other language together.
 * The twin page is fetched from this same site (no other network access), its content column is
 * cleaned (no terminal, no scripts, ids prefixed so anchors stay unique), marked
 * data-pagefind-ignore, and placed next to the current content: Chinese first, English second.
 * The choice is remembered in localStorage and applied on the next page.
 */
const STORE = 'ka-bilingual';

function remembered(): boolean {
  try {
    return localStorage.getItem(STORE) === '1';
  } catch {
    return false;
  }
}
function remember(on: boolean): void {
  try {
    localStorage.setItem(STORE, on ? '1' : '0');
  } catch {
    /* private mode: nothing to remember */
  }
}

/** The twin's content column, ready to insert. Exported for tests. */
export function extractTwin(html: string, lang: string, noteText: string): HTMLElement | null {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const content = doc.querySelector('.sl-markdown-content');
  if (!content) return null;
  // The live terminal stays in the reader's own language column only.
  content.querySelectorAll('kube-terminal').forEach((el) => {
    const note = doc.createElement('p');
    note.className = 'ka-bilingual-twin-note';
    note.textContent = noteText;
    el.replaceWith(note);
  });
  content.querySelectorAll('script, ka-bilingual').forEach((el) => el.remove());
  content.querySelectorAll('[id]').forEach((el) => el.setAttribute('id', 'twin-' + el.id));
  content.querySelectorAll('a[href^="#"]').forEach((a) => a.setAttribute('href', '#twin-' + a.getAttribute('href')!.slice(1)));
  const col = document.createElement('div');
  col.className = 'ka-bilingual-col ka-bilingual-twin';
  col.setAttribute('lang', lang);
  col.setAttribute('data-pagefind-ignore', 'all');
  const title = doc.querySelector('h1#_top, main h1');
  if (title) {
    const h = document.createElement('p');
    h.className = 'ka-bilingual-twin-title';
    h.textContent = title.textContent ?? '';
    col.append(h);
  }
  col.append(document.importNode(content, true));
  return col;
}

class KaBilingual extends HTMLElement {
  private on = false;
  private twin: HTMLElement | null = null;
  private grid: HTMLElement | null = null;

  connectedCallback(): void {
    this.querySelector('button')?.addEventListener('click', () => void this.toggle(!this.on));
    if (remembered()) void this.toggle(true);
  }

  private get content(): HTMLElement | null {
    // The page's own content column (not one inside our grid's twin).
    return document.querySelector('main .sl-markdown-content:not(.ka-bilingual-twin .sl-markdown-content)');
  }

  private label(on: boolean): void {
    const btn = this.querySelector('button')!;
    btn.setAttribute('aria-pressed', String(on));
    this.querySelector('.ka-bilingual-label')!.textContent = on ? this.dataset.labelOn! : this.dataset.labelOff!;
  }

  private status(text: string): void {
    this.querySelector('.ka-bilingual-status')!.textContent = text;
  }

  async toggle(on: boolean): Promise<void> {
    const content = this.content;
    if (!content) return;
    if (!on) {
      this.on = false;
      remember(false);
      this.label(false);
      document.documentElement.removeAttribute('data-ka-bilingual');
      if (this.grid) {
        const own = this.grid.querySelector<HTMLElement>('.ka-bilingual-own');
        own?.replaceWith(content);
        this.grid.replaceWith(content);
        this.grid = null;
      }
      return;
    }
    this.on = true;
    remember(true);
    this.label(true);
    if (!this.twin) {
      this.status(this.dataset.labelLoading!);
      try {
        const res = await fetch(this.dataset.twinHref!, { credentials: 'same-origin' });
        if (!res.ok) throw new Error(String(res.status));
        const isEnTwin = this.dataset.twinLang === 'en';
        const note = isEnTwin ? 'The live terminal is in the Chinese column.' : '实时终端在英文一栏。';
        this.twin = extractTwin(await res.text(), this.dataset.twinLang!, note);
        if (!this.twin) throw new Error('no content');
        this.status('');
      } catch {
        this.status(this.dataset.labelError!);
        this.on = false;
        this.label(false);
        return;
      }
    }
    if (!this.on || this.grid) return;
    const grid = document.createElement('div');
    grid.className = 'ka-bilingual-grid';
    const own = document.createElement('div');
    own.className = 'ka-bilingual-col ka-bilingual-own';
    own.setAttribute('lang', this.dataset.pageLang!);
    content.replaceWith(grid);
    own.append(content);
    const zhFirst = this.dataset.pageLang === 'zh-CN';
    grid.append(...(zhFirst ? [own, this.twin!] : [this.twin!, own]));
    this.grid = grid;
    document.documentElement.setAttribute('data-ka-bilingual', '');
  }
}

export function defineBilingual(): void {
  if (!customElements.get('ka-bilingual')) customElements.define('ka-bilingual', KaBilingual);
}
