// Stands in for the MathJax that nbconvert's notebook template loads from a CDN: the notebook pages have
// no formulas, and nothing on this site is fetched from another host (mkdocs.yml, custom_mathjax_url).
