/**
 * @module
 * The one stylesheet shared by the web console (served at `/_emulator/console/styles.css`) and the
 * `/v2/authorize` login and consent pages (inlined there: they live on tenant hosts). No external
 * assets: system fonts only, no images, no CDN.
 */

/** Path of the console stylesheet route. */
export const STYLESHEET_PATH = '/_emulator/console/styles.css';

/** The stylesheet. Plain CSS with custom properties; must never contain `</style>`. */
export const STYLESHEET = `
:root{
  --bg:#f4f6f9;--surface:#fff;--text:#1c2430;--muted:#5b6675;--line:#dde2ea;--head:#17212e;
  --accent:#0b5cad;--accent-soft:#e7f0fb;--ok:#1d7a46;--ok-soft:#e3f4ea;--warn:#8a5a00;--warn-soft:#fdf2d8;
  --bad:#b42318;--bad-soft:#fde8e6;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;
  color-scheme:light;
}
*{box-sizing:border-box}
html{font-size:15px}
body{margin:0;background:var(--bg);color:var(--text);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;line-height:1.45}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #7fb0e8;outline-offset:1px}
code,.mono{font-family:var(--mono);font-size:.86em}
h1{font-size:1.45rem;margin:0 0 .9rem}
h2{font-size:1.12rem;margin:1.6rem 0 .6rem}
h3{font-size:1rem;margin:1.1rem 0 .4rem}
p{margin:.4rem 0 .8rem}
.skip{position:absolute;left:-9999px}
.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.3rem .6rem;z-index:2}
.topbar{background:var(--head);color:#fff}
.topbar-inner{max-width:1240px;margin:0 auto;padding:.55rem 1.25rem;display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1.4rem}
.brand{font-weight:650;letter-spacing:.01em;color:#fff;text-decoration:none;white-space:nowrap}
.brand small{font-weight:400;color:#b8c3d1;margin-left:.35rem}
.nav{display:flex;flex-wrap:wrap;gap:.15rem;margin:0;padding:0;list-style:none}
.nav a{display:block;color:#d5dde8;text-decoration:none;padding:.3rem .6rem;border-radius:6px}
.nav a:hover{background:#263447;color:#fff}
.nav a[aria-current=page]{background:#2f4763;color:#fff}
.clock{margin-left:auto;color:#d5dde8;font-size:.9rem;white-space:nowrap}
.clock a{color:#fff}
main{max-width:1240px;margin:0 auto;padding:1.4rem 1.25rem 3rem}
.panel{background:var(--surface);border:1px solid var(--line);border-radius:10px;padding:1rem 1.2rem;margin:0 0 1.1rem}
.panel>h2:first-child,.panel>h3:first-child{margin-top:0}
.cards{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:.8rem;margin:0 0 1.1rem}
.card{background:var(--surface);border:1px solid var(--line);border-radius:10px;padding:.75rem 1rem}
.card .num{font-size:1.6rem;font-weight:650;display:block}
.card .label{color:var(--muted);font-size:.9rem}
.muted{color:var(--muted)}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92rem;background:var(--surface)}
caption{text-align:left;color:var(--muted);padding:0 0 .4rem;font-size:.88rem}
th,td{text-align:left;padding:.42rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
thead th{background:#eef1f5;font-weight:600;color:#3a4554;white-space:nowrap}
tbody tr:nth-child(even){background:#fafbfc}
th[scope=row]{font-weight:600}
td.num,th.num{white-space:nowrap;text-align:right;font-variant-numeric:tabular-nums}
.nowrap{white-space:nowrap}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1.2rem;margin:.2rem 0 .6rem}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-size:.8rem;font-weight:600;border:1px solid transparent;white-space:nowrap}
.badge-active{background:var(--ok-soft);color:var(--ok);border-color:#b7e0c6}
.badge-expired{background:var(--warn-soft);color:var(--warn);border-color:#f0d9a0}
.badge-used{background:#eef1f5;color:#3a4554;border-color:var(--line)}
.badge-revoked{background:var(--bad-soft);color:var(--bad);border-color:#f5c2bc}
.badge-neutral{background:#eef1f5;color:#3a4554;border-color:var(--line)}
.status-2{color:var(--ok)}.status-3{color:var(--accent)}.status-4{color:var(--warn)}.status-5{color:var(--bad)}
.tags{display:flex;flex-wrap:wrap;gap:.25rem;margin:0;padding:0;list-style:none}
.tags li{background:var(--accent-soft);color:#0a467f;border-radius:5px;padding:0 .4rem;font-size:.84rem;font-family:var(--mono)}
ul.tree,ul.tree ul{list-style:none;margin:0;padding-left:1.1rem}
ul.tree{padding-left:0}
ul.tree li{margin:.15rem 0}
ul.tree ul{border-left:1px dashed #c4ccd7;margin-left:.35rem}
form.inline{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.6rem 1rem;margin:0}
form.inline label{display:flex;flex-direction:column;font-size:.86rem;color:var(--muted);gap:.15rem}
form.inline label.check{flex-direction:row;align-items:center;gap:.35rem;padding-bottom:.45rem;color:var(--text)}
.card a{text-decoration:none;color:var(--text)}
.card a:hover .num{color:var(--accent)}
input,select{font:inherit;font-size:.95rem;padding:.35rem .5rem;border:1px solid #b9c2ce;border-radius:6px;background:#fff;color:var(--text)}
button,.button{font:inherit;font-size:.95rem;padding:.38rem .9rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:var(--accent)}
.notice{border-left:4px solid var(--accent);background:var(--accent-soft);padding:.55rem .8rem;border-radius:0 6px 6px 0;margin:0 0 1rem}
.notice.error{border-color:var(--bad);background:var(--bad-soft)}
.empty{color:var(--muted);font-style:italic;padding:.4rem 0}
.card-page main{max-width:30rem;padding-top:3rem}
.card-page .panel{padding:1.5rem 1.6rem}
.card-page label{display:block;margin:.7rem 0;font-weight:550}
.card-page label input{display:block;width:100%;margin-top:.25rem;font-weight:400}
.card-page form button{margin-top:.6rem;margin-right:.4rem}
.card-page #login-error{color:var(--bad);background:var(--bad-soft);padding:.45rem .7rem;border-radius:6px}
.card-page #scopes{padding-left:1.2rem}
.card-page #scopes li{font-family:var(--mono);font-size:.9rem}
.card-brand{color:var(--muted);font-size:.85rem;margin:0 0 .8rem;text-transform:uppercase;letter-spacing:.06em}
`;
