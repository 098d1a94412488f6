"""Check dev2 gold: each line parses, keys in spec order, metric is a spec §3 id,
evidence is a unique exact substring of raw/<id>.txt."""
import json,re,glob,os
spec=open(os.path.join(D,'../../../shared/spec/METRICS.md')) if False else open(os.environ.get('ZX_SPEC','/work/shared/spec/METRICS.md')).read()
sec=spec.split('## 3.')[1].split('## 4.')[0]
ids=set(re.findall(r'^\| \*{0,2}([a-z_]+)\*{0,2} \|',sec,re.M))-{'metric'}
D=os.path.dirname(os.path.abspath(__file__))+'/'
keys=['doc_id','body','year','metric','value','unit','qualifier','scope','status','evidence']
bad=0
for g in sorted(glob.glob(D+'gold/*.jsonl')):
    d=os.path.basename(g)[:-6]; raw=open(D+'raw/%s.txt'%d,encoding='utf-8').read()
    seen=set()
    for i,l in enumerate(open(g,encoding='utf-8'),1):
        r=json.loads(l)
        errs=[]
        if list(r)!=keys: errs.append('keys')
        if r['doc_id']!=d: errs.append('doc_id')
        if r['metric'] not in ids: errs.append('metric')
        if r['qualifier'] not in ('exact','more_than','about','at_least'): errs.append('qual')
        if r['status'] not in ('actual','target'): errs.append('status')
        ev=r['evidence']
        if '\n' in ev or ev not in raw: errs.append('evidence missing')
        elif raw.count(ev)>1: errs.append('evidence not unique')
        k=(r['body'],r['year'],r['metric'],r['value'],r['status'],r['scope'])
        if k in seen: errs.append('dup')
        seen.add(k)
        if errs: bad+=1; print(d,i,errs,ev)
    print(d,len(raw),'chars',i,'records')
print(len(ids),'metric ids; bad',bad)
