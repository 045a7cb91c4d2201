import re,subprocess,collections,sys
# LeakedFuture precision of every hold-out verdict, grouped by the call whose future is dropped (run from integration-tests/).
files={'h1':'holdout-precision.md'}
for i in range(2,8): files[f'h{i}']=f'holdout{i}-precision.md'
def baseline(proj):
    try: return subprocess.run(['git','show',f'HEAD:integration-tests/expected-warnings/{proj}.txt'],capture_output=True,text=True).stdout
    except: return ''
cache={}
stats=collections.defaultdict(lambda:[0,0])
rows=[]
for h,f in files.items():
    sec=None
    for line in open('triage/'+f):
        if line.startswith('## 1'): sec='LF'
        elif line.startswith('## 2'): sec='UT'
        elif line.startswith('## 3'): sec=None
        if sec!='LF' or not line.startswith('|'): continue
        c=[x.strip() for x in line.split('|')]
        if len(c)<6: continue
        m=re.match(r'`(.+:\d+)`',c[3])
        if not m: continue
        proj=c[2]; key=m.group(1); v=c[4]
        if proj not in cache: cache[proj]=baseline(proj)
        msg=None
        for l in cache[proj].splitlines():
            if l.startswith(key+':') and '[LeakedFuture]' in l: msg=l;break
        if not msg: continue
        mm=re.search(r'returned by (\w+)\(\)',msg)
        name=mm.group(1) if mm else ('OTHER:'+msg.split('[LeakedFuture]')[1][:60])
        tp=v.startswith('TP')
        weak='weak' in c[6][:20] if len(c)>6 else False
        stats[name][0 if tp else 1]+=1
        rows.append((h,proj,key,name,v,weak))
for k,(t,fp) in sorted(stats.items(),key=lambda x:-sum(x[1])): print(f'{k:40} TP {t:3} FP {fp:3}')
